"""Attribution helpers the ``tidings_attribution`` component and report assembly share.

``lexicon`` reads data/reporting.yaml and data/sources.yaml; ``quotes`` finds
quotations and their speakers; ``claims`` turns responsibility claims, role
denials and accusations into the status and actors of the events they are about.
"""
