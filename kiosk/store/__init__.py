"""TinyDB adapter: crash-safe storage of settings, profiles and pain ratings."""
