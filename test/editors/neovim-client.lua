-- Runs inside `nvim --headless`: opens a .pol file with Neovim's own LSP client attached to
-- `pol lsp --stdio`, waits for the diagnostics Neovim itself stores, asks for a hover, and writes
-- what Neovim received as JSON for the test to check.
local file = os.getenv('POL_FILE')
local out = os.getenv('POL_OUT')
local hover_line = tonumber(os.getenv('POL_HOVER_LINE'))
local hover_char = tonumber(os.getenv('POL_HOVER_CHAR'))
local result = { diagnostics = {}, hover = vim.NIL, error = vim.NIL }

local function finish()
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = 'pol',
    cmd = { os.getenv('POL_NODE'), os.getenv('POL_BIN'), 'lsp', '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
  })
  if not id then error('the LSP client did not start') end
  vim.lsp.buf_attach_client(buf, id)
  local got = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  if not got then error('no diagnostics within 30 s') end
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, message = d.message, severity = d.severity, code = d.code })
  end
  local client = vim.lsp.get_client_by_id(id)
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = hover_line, character = hover_char } }
  local res = client.request_sync('textDocument/hover', params, 15000, buf)
  if res and res.result then result.hover = res.result.contents.value end
  client.stop()
end)
if not ok then result.error = tostring(err) end
finish()
