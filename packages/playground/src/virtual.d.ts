declare module 'virtual:policy-files' {
  const files: Record<string, string>;
  export default files;
}
