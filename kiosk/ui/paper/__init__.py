"""Paper: pages laid out with QPainter for a PDF file or a printer (page.py): the exercise handout and the visit report."""
