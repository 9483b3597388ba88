package b

var Names map[int]string

type Registry struct {
	Items map[int]string
}

var Default Registry
