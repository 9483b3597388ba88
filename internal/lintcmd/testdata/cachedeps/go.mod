module example.com/cachedeps

go 1.26
