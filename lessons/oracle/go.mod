module leaklab/oracle

go 1.19
