-- Neovim (0.7+) setup for the runbook language server, with no plugin: attach
-- `node <extension>/dist/server.js --stdio` to Markdown buffers under a runbooks/ folder, with
-- completion on <C-x><C-o> in each of them.
-- The README's "Other editors" section shows this file; test/nvim/check.lua proves it.
--   require('runbooks-lsp').setup({ server = '/path/to/runbook-authoring/dist/server.js' })
local M = {}

local clients = {} -- root dir -> client id

local function root_of(path)
  -- The folder holding .git, else the parent of the runbooks/ folder.
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local git = vim.fn.finddir('.git', dir .. ';')
  if git ~= '' then return vim.fn.fnamemodify(git, ':p:h:h') end
  return (path:match('^(.*)/[^/]*runbooks/') or dir)
end

-- Completion through the client's omnifunc. Set per buffer when the client attaches, and again
-- on every FileType event: the Markdown ftplugin resets 'omnifunc' when the buffer is reloaded
-- (:e!) or its filetype set again, while the client stays attached (on_attach does not run again).
local function use_omnifunc(bufnr)
  vim.api.nvim_buf_set_option(bufnr, 'omnifunc', 'v:lua.vim.lsp.omnifunc')
end

function M.attach(bufnr, opts)
  local path = vim.api.nvim_buf_get_name(bufnr)
  if not path:match('/runbooks/') then return nil end
  local root = opts.root or root_of(path)
  local id = clients[root]
  if not id then
    id = vim.lsp.start_client({
      name = 'runbooks',
      cmd = { opts.node or 'node', opts.server, '--stdio' },
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } },
      on_attach = function(client, buf)
        use_omnifunc(buf)
        if opts.on_attach then opts.on_attach(client, buf) end
      end,
    })
    clients[root] = id
  end
  local attached = vim.lsp.buf_is_attached(bufnr, id)
  vim.lsp.buf_attach_client(bufnr, id)
  if attached then use_omnifunc(bufnr) end
  return id
end

function M.setup(opts)
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'markdown',
    callback = function(args) M.attach(args.buf, opts) end,
  })
end

return M
