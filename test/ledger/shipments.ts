/** Deterministic shipment streams for the ledger tests and the ledger benchmark. */

const DESTINATIONS = ['FR', 'PL', 'IN', 'MX', 'JP', 'SA', 'DE', 'BR'];

/** `n` shipments over two calendar years, to `consignees` consignees, in date order. */
export function shipments(n: number, consignees = 400): string[] {
  const out: string[] = [];
  let x = 12345;
  const next = (): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x;
  };
  for (let i = 0; i < n; i++) {
    // days 0..729 from 2025-01-01, non-decreasing with i
    const day = Math.floor((i * 730) / n);
    const date = new Date(Date.UTC(2025, 0, 1 + day)).toISOString().slice(0, 10);
    const units = 1 + (next() % 600);
    out.push(
      JSON.stringify({
        id: `T-${String(i + 1).padStart(7, '0')}`,
        date,
        destination: DESTINATIONS[next() % DESTINATIONS.length],
        consignee: { id: `C-${next() % consignees}` },
        tpp: 4800,
        units,
      }),
    );
  }
  return out;
}
