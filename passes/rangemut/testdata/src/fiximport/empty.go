package fiximport
