"""Text-to-speech adapter: render sentences to WAV off the GUI thread, play them instantly."""
