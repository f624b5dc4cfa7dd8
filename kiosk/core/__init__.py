"""Pure-Python core: routines, timeline, session state and analysis; imports no Qt."""
