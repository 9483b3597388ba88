package c

/* want "this //maplint:file-ignore directive suppresses no toy diagnostic in this file" */ //maplint:file-ignore toy nothing here is hazardous any more

func safe() int { return 1 }
