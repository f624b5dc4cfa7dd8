"""Qt user interface: main window, screens, widgets and theme."""
