"""The demo agency: "Myndigheten för digital förvaltning", its names, its assignments over six
tertials, its IT survey, the workbooks written from them, and their loading."""
