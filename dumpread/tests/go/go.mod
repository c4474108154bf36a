module leaklab/dumpshapes

go 1.19
