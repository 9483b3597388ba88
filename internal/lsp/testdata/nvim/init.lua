-- A Neovim configuration that runs maplint's language server for Go
-- files, beside gopls, as the README shows. $MAPLINT names the maplint
-- executable (the README's version uses 'maplint' on PATH).
--
-- It works on Neovim 0.7 (Debian 12's), which has vim.lsp.start_client
-- and buf_attach_client, and on 0.8 and later, which have vim.lsp.start
-- (and, from 0.11, vim.lsp.config and vim.lsp.enable).
vim.cmd('filetype on')
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'go',
  callback = function(args)
    local gomod = vim.fn.findfile('go.mod', vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h') .. ';')
    local config = {
      name = 'maplint',
      cmd = { os.getenv('MAPLINT') or 'maplint', 'lsp' },
      root_dir = gomod ~= '' and vim.fn.fnamemodify(gomod, ':p:h') or vim.fn.getcwd(),
    }
    if vim.lsp.start then
      vim.lsp.start(config, { bufnr = args.buf })
    else
      vim.lsp.buf_attach_client(args.buf, vim.lsp.start_client(config))
    end
  end,
})
