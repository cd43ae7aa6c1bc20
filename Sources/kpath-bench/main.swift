// kpath-bench: see KpathBench.swift.
KpathBench.main()
