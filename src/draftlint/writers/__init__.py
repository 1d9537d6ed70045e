"""Writers produce new files from findings: annotated and fixed DOCX copies, fixed TXT.

They never modify their input; everything is written to a new file atomically.
"""
