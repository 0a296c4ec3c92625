"""The import use case, shared by the command line and the upload page: a file checked and stored
(importer), or staged, checked and confirmed later (staging)."""
