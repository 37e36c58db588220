-- Headless Neovim 0.7 check of the runbook language server through Neovim's own LSP client:
-- diagnostics, a code action (applied) and a completion item. Run by test/nvim/run.mjs with
--   nvim --headless --clean -c 'luafile test/nvim/check.lua'
-- Env: RUNBOOK_NVIM_SERVER (dist/server.js), RUNBOOK_NVIM_ROOT (workspace), RUNBOOK_NVIM_FILE
-- (runbook with planted defects), RUNBOOK_NVIM_EXPECTED (JSON rule id -> count),
-- RUNBOOK_NVIM_RESULTS (result lines are written there).
local env = vim.env
package.path = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h') .. '/?.lua;' .. package.path
local runbooks = require('runbooks-lsp')

local results = {}
local function check(name, fn)
  local ok, err = pcall(fn)
  table.insert(results, (ok and 'ok' or 'FAIL') .. ' - ' .. name .. (ok and '' or (' (' .. tostring(err) .. ')')))
end

local expected = vim.fn.json_decode(env.RUNBOOK_NVIM_EXPECTED)
local want_total = 0
for _, n in pairs(expected) do want_total = want_total + n end

-- Exactly the README's setup: the project root is found from .git (the workspace is a git repo).
runbooks.setup({ server = env.RUNBOOK_NVIM_SERVER })
vim.cmd('edit ' .. vim.fn.fnameescape(env.RUNBOOK_NVIM_FILE))
local bufnr = vim.api.nvim_get_current_buf()

local function counts()
  local m, total = {}, 0
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '')
    m[code] = (m[code] or 0) + 1
    total = total + 1
  end
  return m, total
end

check('client attaches to the runbook buffer', function()
  assert(vim.wait(20000, function()
    local c = vim.lsp.buf_get_clients(bufnr)
    return #c > 0 and c[1].initialized
  end, 50), 'no initialized LSP client on the buffer')
  local root = vim.lsp.buf_get_clients(bufnr)[1].config.root_dir
  assert(vim.fn.resolve(root) == vim.fn.resolve(env.RUNBOOK_NVIM_ROOT), 'client root ' .. tostring(root) .. ' is not the project root')
end)

check('diagnostics: the rule ids and counts runbook-lint reports', function()
  local arrived = vim.wait(30000, function() local _, t = counts(); return t == want_total end, 50)
  local got, total = counts()
  assert(arrived, ('expected %d diagnostics, got %d: %s'):format(want_total, total, vim.inspect(got)))
  for id, n in pairs(expected) do
    assert(got[id] == n, ('%s: expected %d, got %s'):format(id, n, tostring(got[id])))
  end
  local warn = vim.diagnostic.get(bufnr, { lnum = 10, severity = vim.diagnostic.severity.WARN })
  assert(#warn == 1 and warn[1].message:find('relatd_alerts', 1, true), 'the unknown-key warning is not on line 11')
end)

check('code action: the rename quick fix is offered and applying it clears both findings', function()
  local _, before = counts()
  -- The fixes travel in diagnostic.data; get_line_diagnostics hands the LSP form back with it.
  local line_diags = vim.lsp.diagnostic.get_line_diagnostics(bufnr, 10)
  assert(#line_diags > 0, 'no diagnostics on line 11 to ask fixes for')
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = { line = 10, character = 2 }, ['end'] = { line = 10, character = 2 } },
    context = { diagnostics = line_diags, only = { 'quickfix' } },
  }
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
  local action, titles = nil, {}
  for _, r in pairs(res or {}) do
    for _, a in ipairs(r.result or {}) do
      table.insert(titles, a.title)
      if a.title:match('^Rename .*related_alerts') then action = a end
    end
  end
  assert(action, 'no rename action; offered: ' .. table.concat(titles, ' | '))
  assert(action.edit, 'the action carries no edit')
  vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
  local line = vim.api.nvim_buf_get_lines(bufnr, 10, 11, false)[1]
  assert(line == 'related_alerts:', 'line 11 after the fix: ' .. tostring(line))
  assert(vim.wait(20000, function() local _, t = counts(); return t == before - 2 end, 50),
    'diagnostics after the fix: ' .. vim.inspect((counts())))
end)

check('completion: the missing key owner is offered in front matter', function()
  vim.api.nvim_buf_set_lines(bufnr, 2, 2, false, { '' }) -- a new empty line 3 inside the front matter
  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), position = { line = 2, character = 0 } }
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, 10000)
  local labels = {}
  for _, r in pairs(res or {}) do
    assert(not r.err, vim.inspect(r.err))
    local items = r.result and (r.result.items or r.result) or {}
    for _, it in ipairs(items) do table.insert(labels, it.label) end
  end
  local found = false
  for _, l in ipairs(labels) do if l:match('^owner') then found = true end end
  assert(found, 'owner not offered; got: ' .. table.concat(labels, ', '))
end)

vim.fn.writefile(results, env.RUNBOOK_NVIM_RESULTS)
for _, c in pairs(vim.lsp.get_active_clients()) do c.stop(true) end
vim.cmd('qall!')
