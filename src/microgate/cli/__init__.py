"""The ``microgate`` command line. Only ``main.py`` parses arguments."""
