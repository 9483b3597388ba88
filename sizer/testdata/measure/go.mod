module measure

go 1.23
