package a

func hazard(string) int { return 0 }

func safe(string) int { return 0 }

func f() {
	_ = hazard("ascii")
	_ = len("日本語") + hazard("after three runes of the BMP")
	_ = len("😀") + hazard("after one rune outside the BMP")
}
