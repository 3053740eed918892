"""Where profiles come from: TOML files (toml; locate finds their lines) and the folder walk (discover)."""
