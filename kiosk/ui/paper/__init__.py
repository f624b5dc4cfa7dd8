"""Paper: documents drawn for print with QPainter (the visit report, the handout), as PDF or on a printer."""
