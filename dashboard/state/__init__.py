"""The view's state: the address (one parser from an address to a view state), what the shell's
filters show for it, and the survey page's choices. Pure: never imports ``dash``."""
