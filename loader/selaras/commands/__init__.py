"""The selaras subcommands, one module each."""
