"""Paper: pages laid out with QPainter for a PDF file or a printer (page.py), and the exercise handout (handout.py)."""
