"""Survivor Voices: survivor-led creative work, published only with the author's consent."""
