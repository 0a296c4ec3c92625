"""What a page shows, as data: the perspective specs, the Processer key figures, the upload
preview, the import history's rows and the format document's sections."""
