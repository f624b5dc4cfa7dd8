"""Application services: what the screens call instead of the store and the voice (journal, deferred store and speaker, the voice-controls port)."""
