-- careplan in Neovim (0.10 or later): the filetype, and `careplan lsp` started for every
-- .careplan buffer with vim.lsp.start. Put this file in ~/.config/nvim/plugin/ (or
-- require it from init.lua); set vim.g.careplan_path if careplan is not on PATH.
vim.filetype.add({ extension = { careplan = "careplan" } })

vim.api.nvim_create_autocmd("FileType", {
  pattern = "careplan",
  callback = function(args)
    vim.bo[args.buf].commentstring = "# %s"
    local root = vim.fs.root(args.buf, { ".git", "examples" }) or vim.fn.getcwd()
    vim.lsp.start({
      name = "careplan",
      cmd = { vim.g.careplan_path or "careplan", "lsp" },
      root_dir = root,
    }, { bufnr = args.buf })
  end,
})

-- With nvim-lspconfig instead, register it once:
--   require("lspconfig.configs").careplan = { default_config = {
--     cmd = { "careplan", "lsp" }, filetypes = { "careplan" },
--     root_dir = require("lspconfig.util").root_pattern(".git") } }
--   require("lspconfig").careplan.setup({})
