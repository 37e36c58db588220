-- Headless Neovim 0.7 check of the runbook language server through Neovim's own LSP client:
-- diagnostics, a code action chosen through vim.lsp.buf.code_action() and completion through
-- <C-x><C-o>, with the README's setup. Run by test/nvim/run.mjs with
--   nvim --headless --clean -c 'luafile test/nvim/check.lua'
-- Env: RUNBOOK_NVIM_SERVER (dist/server.js), RUNBOOK_NVIM_ROOT (workspace), RUNBOOK_NVIM_FILE
-- (runbook with planted defects), RUNBOOK_NVIM_EXPECTED (JSON rule id -> count),
-- RUNBOOK_NVIM_RESULTS (result lines are written there).
local env = vim.env
-- As the README says: runbooks-lsp.lua on the runtimepath as lua/runbooks-lsp.lua (run.mjs copies
-- it into RUNBOOK_NVIM_RTP/lua/), then require('runbooks-lsp').setup({ server = … }).
vim.opt.runtimepath:append(env.RUNBOOK_NVIM_RTP)
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
-- The on_attach of one's own is called for each buffer the client attaches to.
local attached = {}
runbooks.setup({ server = env.RUNBOOK_NVIM_SERVER, on_attach = function(_, buf) table.insert(attached, buf) end })
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
  assert(vim.deep_equal(attached, { bufnr }), 'on_attach called for buffers ' .. vim.inspect(attached))
end)

check('diagnostics: the rule ids and counts runbook-lint reports', function()
  local arrived = vim.wait(30000, function() local _, t = counts(); return t == want_total end, 50)
  local got, total = counts()
  assert(arrived, ('expected %d diagnostics, got %d: %s'):format(want_total, total, vim.inspect(got)))
  for id, n in pairs(expected) do
    assert(got[id] == n, ('%s: expected %d, got %s'):format(id, n, tostring(got[id])))
  end
  -- One mistake, one finding: the misspelt required key is one error on its line.
  local typo = vim.diagnostic.get(bufnr, { lnum = 10 })
  assert(#typo == 1 and typo[1].severity == vim.diagnostic.severity.ERROR and typo[1].message:find('relatd_alerts', 1, true), 'the misspelt-key error is not the one finding on line 11')
end)

check('code action: :lua vim.lsp.buf.code_action() offers the rename quick fix, and choosing it clears its finding', function()
  local _, before = counts()
  -- As a person does it: the cursor on the misspelt key, then the README's command; the choice is
  -- made in vim.ui.select (the list Neovim shows), here by the item's title.
  vim.api.nvim_win_set_cursor(0, { 11, 2 })
  local titles, select = {}, vim.ui.select
  vim.ui.select = function(items, opts, on_choice)
    local pick
    for _, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or item[2].title
      table.insert(titles, title)
      if not pick and item[2].title:match('^Rename .*related_alerts') then pick = item end
    end
    on_choice(pick)
  end
  local ok, err = pcall(vim.lsp.buf.code_action)
  local shown = vim.wait(10000, function() return #titles > 0 end, 50)
  local fixed = vim.wait(10000, function() return vim.api.nvim_buf_get_lines(bufnr, 10, 11, false)[1] == 'related_alerts:' end, 50)
  vim.ui.select = select
  assert(ok, tostring(err))
  assert(shown, 'vim.lsp.buf.code_action() offered nothing on line 11')
  assert(fixed, 'line 11 after choosing the fix: ' .. tostring(vim.api.nvim_buf_get_lines(bufnr, 10, 11, false)[1]) .. '; offered: ' .. table.concat(titles, ' | '))
  assert(vim.wait(20000, function() local _, t = counts(); return t == before - 1 end, 50),
    'diagnostics after the fix: ' .. vim.inspect((counts())))
end)

-- Completion as a person asks for it: <C-x><C-o> in Insert mode. The keys go through Neovim's
-- typeahead; a timer waits for the popup menu (the answer is asynchronous), picks the n-th entry
-- with <C-n> and accepts it with <C-y>, then leaves Insert mode.
local function t(k) return vim.api.nvim_replace_termcodes(k, true, false, true) end
-- A common setting: the menu also for a single match, nothing inserted before it is accepted.
vim.o.completeopt = 'menuone,noinsert'
local function omni(keys, pick)
  local seen
  local timer = vim.loop.new_timer()
  local deadline = vim.loop.now() + 15000
  timer:start(50, 50, vim.schedule_wrap(function()
    if seen then return end
    local shown = vim.fn.pumvisible() == 1
    if shown or vim.loop.now() > deadline then
      timer:stop()
      timer:close()
      local info = vim.fn.complete_info({ 'items' })
      seen = vim.tbl_map(function(i) return i.word end, info.items or {})
      local n
      for i, w in ipairs(seen) do if not n and (not pick or vim.startswith(w:gsub('^[%["]+', ''), pick)) then n = i - 1 end end
      -- Nothing to pick: leave Insert mode without accepting anything.
      vim.api.nvim_feedkeys(t(shown and n and (('<C-n>'):rep(n) .. '<C-y><Esc>') or '<C-e><Esc>'), 'n', false)
    end
  end))
  vim.api.nvim_feedkeys(t(keys .. '<C-x><C-o>'), 'x!', false)
  return seen or {}
end
local function line(b, l) return vim.api.nvim_buf_get_lines(b, l - 1, l, false)[1] end
local function has(list, x) for _, v in ipairs(list) do if v == x then return true end end return false end

check('completion: the setup sets omnifunc on the runbook buffer', function()
  assert(vim.bo[bufnr].omnifunc == 'v:lua.vim.lsp.omnifunc', 'omnifunc is ' .. vim.bo[bufnr].omnifunc)
end)

check('completion <C-x><C-o> inside the template\'s empty quotes severity: "" inserts P2 between them', function()
  vim.api.nvim_buf_set_lines(bufnr, 4, 5, false, { 'severity: ""' })
  vim.api.nvim_win_set_cursor(0, { 5, 11 }) -- on the closing quote: i types between the quotes
  local seen = omni('i', 'P2')
  assert(has(seen, 'P0') and has(seen, 'P4'), 'offered: ' .. table.concat(seen, ', '))
  assert(line(bufnr, 5) == 'severity: "P2"', 'line 5: ' .. line(bufnr, 5))
end)

check('completion <C-x><C-o> after severity: "P filters on P and closes the quote', function()
  vim.api.nvim_buf_set_lines(bufnr, 4, 5, false, { 'severity: "P' })
  vim.api.nvim_win_set_cursor(0, { 5, 0 })
  local seen = omni('A', 'P3')
  assert(#seen == 5 and seen[1] == 'P0"', 'offered: ' .. table.concat(seen, ', '))
  assert(line(bufnr, 5) == 'severity: "P3"', 'line 5: ' .. line(bufnr, 5))
end)

check('completion <C-x><C-o> on a new front-matter line inserts the key and ": " only (no snippets in this client)', function()
  vim.api.nvim_win_set_cursor(0, { 2, 0 }) -- runbook_id; o opens line 3
  local seen = omni('o', 'owner')
  assert(seen[1] == 'owner: ', 'offered: ' .. table.concat(seen, ', '))
  assert(line(bufnr, 3) == 'owner: ', 'line 3: ' .. line(bufnr, 3))
  -- The value comes from its own completion: owners of runbooks in the same category first.
  -- Owners come from the workspace index, which the server reads after it starts: on a loaded
  -- machine it may not be read yet, and a person asks again.
  local owners = {}
  for _ = 1, 3 do
    vim.api.nvim_win_set_cursor(0, { 3, 0 })
    owners = omni('A')
    if #owners > 0 then break end
    vim.wait(2000)
  end
  assert(#owners > 0, 'no owner offered')
  assert(line(bufnr, 3) == 'owner: ' .. owners[1], 'line 3: ' .. line(bufnr, 3))
end)

check('completion still works after :e! (the Markdown ftplugin resets omnifunc on reload)', function()
  vim.cmd('write')
  vim.cmd('edit!')
  assert(vim.bo[bufnr].omnifunc == 'v:lua.vim.lsp.omnifunc', 'omnifunc after :e! is ' .. vim.bo[bufnr].omnifunc)
  vim.api.nvim_buf_set_lines(bufnr, 4, 5, false, { 'severity: ""' })
  vim.api.nvim_win_set_cursor(0, { 5, 11 })
  omni('i', 'P1')
  assert(line(bufnr, 5) == 'severity: "P1"', 'line 5: ' .. line(bufnr, 5))
end)

-- The authoring flow of the e2e scenario, in a new buffer: a new runbook's front matter typed
-- with completion only, from the line after an unclosed `---`.
check('completion in a new runbook buffer: keys from the first line of an unclosed front matter, values picked', function()
  vim.cmd('edit ' .. vim.fn.fnameescape(env.RUNBOOK_NVIM_ROOT .. '/infra/runbooks/platform/drain-a-node.md'))
  local b = vim.api.nvim_get_current_buf()
  assert(vim.wait(20000, function() return #vim.lsp.buf_get_clients(b) > 0 end, 50), 'no client on the new buffer')
  assert(vim.bo[b].omnifunc == 'v:lua.vim.lsp.omnifunc', 'omnifunc in the new buffer is ' .. vim.bo[b].omnifunc)
  -- One client per project root: the new runbook shares the first one's client.
  assert(vim.lsp.buf_get_clients(b)[1].id == vim.lsp.buf_get_clients(bufnr)[1].id, 'a second client for the same project')
  vim.api.nvim_feedkeys(t('i---<Esc>'), 'x', false)
  local keys = omni('o', 'runbook_id')
  assert(keys[1] == 'runbook_id: ' and has(keys, 'severity: '), 'keys offered after ---: ' .. table.concat(keys, ', '))
  local ids = omni('A')
  assert(#ids == 1 and ids[1]:match('^RB%-PLAT%-%d%d%d$'), 'ids offered: ' .. table.concat(ids, ', '))
  assert(ids[1] ~= 'RB-PLAT-001' and ids[1] ~= 'RB-PLAT-002', 'the next free id is taken: ' .. ids[1])
  omni('o', 'severity')
  omni('A', 'P2')
  omni('o', 'environments')
  omni('A', 'prod')
  omni('o', 'last_reviewed')
  local dates = omni('A')
  vim.api.nvim_buf_set_lines(b, -1, -1, false, { '---', '', '# Drain a node', '' })
  local want = { '---', 'runbook_id: ' .. ids[1], 'severity: "P2"', 'environments: ["prod"]', 'last_reviewed: ' .. dates[1], '---' }
  local got = vim.api.nvim_buf_get_lines(b, 0, 6, false)
  assert(vim.deep_equal(got, want), 'front matter:\n' .. table.concat(got, '\n'))
  assert(dates[1] == '"' .. os.date('%Y-%m-%d') .. '"', 'date offered: ' .. tostring(dates[1]))
  -- The server agrees: no finding on the values picked (id, severity, environments, date).
  vim.cmd('write')
  assert(vim.wait(20000, function()
    local ds = vim.diagnostic.get(b)
    if #ds == 0 then return false end
    for _, d in ipairs(ds) do if d.lnum >= 1 and d.lnum <= 4 then return false end end
    return true
  end, 50), 'findings on the completed lines: ' .. vim.inspect(vim.tbl_map(function(d) return (d.lnum + 1) .. ' ' .. d.message end, vim.diagnostic.get(b))))
end)

-- A runbook in the alert-runbook layout (written here, so the shared fixture workspace stays as it
-- is): the code action menu offers the conversion to the template; Neovim 0.7 has no change
-- annotations, so choosing it applies the edit at once, and one `u` gives the original back.
check('code action: Convert this alert runbook to the runbook template (migrate) applies the migration; one u undoes it', function()
  local original = { '# KubeJobFailed', '', '## Meaning', '', 'A Job did not complete.', '', '## Diagnosis', '', '```sh', 'kubectl -n $NS describe job $JOB', '```', '',
    '## Mitigation', '', 'Delete the Job so its CronJob creates it again:', '', '```sh', 'kubectl -n $NS delete job $JOB', '```' }
  local file = env.RUNBOOK_NVIM_ROOT .. '/infra/runbooks/platform/KubeJobFailed.md'
  vim.fn.writefile(original, file)
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local b = vim.api.nvim_get_current_buf()
  assert(vim.wait(20000, function() return #vim.lsp.buf_get_clients(b) > 0 and #vim.diagnostic.get(b) > 0 end, 50), 'no client or no diagnostics on the alert runbook')
  vim.api.nvim_win_set_cursor(0, { 5, 0 }) -- on prose: an explicit request offers it anywhere
  local titles, select = {}, vim.ui.select
  vim.ui.select = function(items, opts, on_choice)
    local pick
    for _, item in ipairs(items) do
      table.insert(titles, opts.format_item and opts.format_item(item) or item[2].title)
      if not pick and item[2].title == 'Convert this alert runbook to the runbook template (migrate)' then pick = item end
    end
    on_choice(pick)
  end
  local ok, err = pcall(vim.lsp.buf.code_action)
  local migrated = vim.wait(15000, function() return vim.tbl_contains(vim.api.nvim_buf_get_lines(b, 0, -1, false), '## Step 1 — Triage') end, 50)
  vim.ui.select = select
  assert(ok, tostring(err))
  assert(migrated, 'not migrated; offered: ' .. table.concat(titles, ' | '))
  local text = table.concat(vim.api.nvim_buf_get_lines(b, 0, -1, false), '\n')
  assert(text:find('```sh\nkubectl -n $NS describe job $JOB\n```', 1, true) and text:find('```sh\nkubectl -n $NS delete job $JOB\n```', 1, true), 'a command block changed:\n' .. text)
  -- Nothing invented: the id's number and the review date stay placeholders.
  assert(text:find('\nrunbook_id: [^\n]*<NNN>') and text:find('\nlast_reviewed: "YYYY%-MM%-DD"'), 'placeholders not kept:\n' .. text:sub(1, 400))
  vim.cmd('normal! u')
  local back = vim.api.nvim_buf_get_lines(b, 0, -1, false)
  assert(vim.deep_equal(back, original), 'after one u:\n' .. table.concat(back, '\n'))
end)

vim.fn.writefile(results, env.RUNBOOK_NVIM_RESULTS)
for _, c in pairs(vim.lsp.get_active_clients()) do c.stop(true) end
vim.cmd('qall!')
