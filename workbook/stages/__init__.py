"""The stages of the cycle as queries: each returns DataFrames and findings, never HTML or widgets."""
