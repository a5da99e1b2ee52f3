"""Sub-command groups of the `lagebild` command line (mounted in lagebild/cli.py)."""
