"""Bytes in, typed frames and a report of every issue out: open safely (type, size, zip and XML
limits), read the grid in a child process, find the sheets and headers, parse Swedish values,
validate every cell and rule. Stores nothing."""
