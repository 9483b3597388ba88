-- The test's steps, run after init.lua has opened a Go file: wait for
-- maplint's diagnostics, ask for the quick fix of the makehint finding
-- as a user does (vim.lsp.buf.code_action, choosing from the menu),
-- write the file, and wait for the diagnostics of the saved file. What
-- happened goes to $MAPLINT_LSP_RESULT as JSON, for the Go test to check.
local result = {}

local function finish(err)
  result.error = err
  local f = assert(io.open(os.getenv('MAPLINT_LSP_RESULT'), 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  local bufnr = vim.api.nvim_get_current_buf()
  local function maplint_diagnostics()
    local ds = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.source == 'maplint' then
        local lsp = d.user_data and d.user_data.lsp or {}
        table.insert(ds, {
          lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
          code = d.code, message = d.message, severity = d.severity,
          related = #(lsp.relatedInformation or {}),
          href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
        })
      end
    end
    return ds
  end
  local function has_makehint()
    for _, d in ipairs(maplint_diagnostics()) do
      if d.code == 'makehint' then return d end
    end
  end

  if not vim.wait(120000, function() return has_makehint() ~= nil end, 20) then
    error('no makehint diagnostic from maplint within 120 s')
  end
  result.diagnostics = maplint_diagnostics()

  -- The cursor on the finding, then the code action menu.
  local hint = has_makehint()
  vim.api.nvim_win_set_cursor(0, { hint.lnum + 1, hint.col })
  vim.ui.select = function(items, _, on_choice)
    result.choices = {}
    for _, item in ipairs(items) do
      local action = item.action or item[2] -- 0.10+: {action, ctx}; before: {client_id, action}
      table.insert(result.choices, action.title)
    end
    on_choice(items[1], 1)
  end
  if vim.fn.has('nvim-0.8') == 1 then
    vim.lsp.buf.code_action({ context = { only = { 'quickfix' } } })
  else
    vim.lsp.buf.code_action({ only = { 'quickfix' } })
  end
  if not vim.wait(30000, function() return vim.bo[bufnr].modified end, 20) then
    error('the code action did not change the buffer')
  end

  vim.cmd('write')
  if not vim.wait(120000, function() return has_makehint() == nil end, 20) then
    error('the makehint diagnostic stayed after the fix was saved')
  end
  result.after = maplint_diagnostics()
end)
finish(not ok and tostring(err) or nil)
