"""Full-window screens shown one at a time by the main window."""
