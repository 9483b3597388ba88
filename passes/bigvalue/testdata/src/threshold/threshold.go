// Package threshold spells map types with every inline value size from
// 60 to 136 bytes, at several sizes; TestThreshold checks that exactly
// those the sizer shows saving 30% are reported.
package threshold

var (
	v60         map[int64][60]byte
	w60         map[int32]struct{ a [7]int64 }
	v61         map[int64][61]byte
	w61         map[int32]struct{ a [7]int64 }
	v62         map[int64][62]byte
	w62         map[int32]struct{ a [7]int64 }
	v63         map[int64][63]byte
	w63         map[int32]struct{ a [7]int64 }
	v64         map[int64][64]byte
	w64         map[int32]struct{ a [8]int64 }
	v65         map[int64][65]byte
	w65         map[int32]struct{ a [8]int64 }
	v66         map[int64][66]byte
	w66         map[int32]struct{ a [8]int64 }
	v67         map[int64][67]byte
	w67         map[int32]struct{ a [8]int64 }
	v68         map[int64][68]byte
	w68         map[int32]struct{ a [8]int64 }
	v69         map[int64][69]byte
	w69         map[int32]struct{ a [8]int64 }
	v70         map[int64][70]byte
	w70         map[int32]struct{ a [8]int64 }
	v71         map[int64][71]byte
	w71         map[int32]struct{ a [8]int64 }
	v72         map[int64][72]byte
	w72         map[int32]struct{ a [9]int64 }
	v73         map[int64][73]byte
	w73         map[int32]struct{ a [9]int64 }
	v74         map[int64][74]byte
	w74         map[int32]struct{ a [9]int64 }
	v75         map[int64][75]byte
	w75         map[int32]struct{ a [9]int64 }
	v76         map[int64][76]byte
	w76         map[int32]struct{ a [9]int64 }
	v77         map[int64][77]byte
	w77         map[int32]struct{ a [9]int64 }
	v78         map[int64][78]byte
	w78         map[int32]struct{ a [9]int64 }
	v79         map[int64][79]byte
	w79         map[int32]struct{ a [9]int64 }
	v80         map[int64][80]byte
	w80         map[int32]struct{ a [10]int64 }
	v81         map[int64][81]byte
	w81         map[int32]struct{ a [10]int64 }
	v82         map[int64][82]byte
	w82         map[int32]struct{ a [10]int64 }
	v83         map[int64][83]byte
	w83         map[int32]struct{ a [10]int64 }
	v84         map[int64][84]byte
	w84         map[int32]struct{ a [10]int64 }
	v85         map[int64][85]byte
	w85         map[int32]struct{ a [10]int64 }
	v86         map[int64][86]byte
	w86         map[int32]struct{ a [10]int64 }
	v87         map[int64][87]byte
	w87         map[int32]struct{ a [10]int64 }
	v88         map[int64][88]byte
	w88         map[int32]struct{ a [11]int64 }
	v89         map[int64][89]byte
	w89         map[int32]struct{ a [11]int64 }
	v90         map[int64][90]byte
	w90         map[int32]struct{ a [11]int64 }
	v91         map[int64][91]byte
	w91         map[int32]struct{ a [11]int64 }
	v92         map[int64][92]byte
	w92         map[int32]struct{ a [11]int64 }
	v93         map[int64][93]byte
	w93         map[int32]struct{ a [11]int64 }
	v94         map[int64][94]byte
	w94         map[int32]struct{ a [11]int64 }
	v95         map[int64][95]byte
	w95         map[int32]struct{ a [11]int64 }
	v96         map[int64][96]byte
	w96         map[int32]struct{ a [12]int64 }
	v97         map[int64][97]byte
	w97         map[int32]struct{ a [12]int64 }
	v98         map[int64][98]byte
	w98         map[int32]struct{ a [12]int64 }
	v99         map[int64][99]byte
	w99         map[int32]struct{ a [12]int64 }
	v100        map[int64][100]byte
	w100        map[int32]struct{ a [12]int64 }
	v101        map[int64][101]byte
	w101        map[int32]struct{ a [12]int64 }
	v102        map[int64][102]byte
	w102        map[int32]struct{ a [12]int64 }
	v103        map[int64][103]byte
	w103        map[int32]struct{ a [12]int64 }
	v104        map[int64][104]byte
	w104        map[int32]struct{ a [13]int64 }
	v105        map[int64][105]byte
	w105        map[int32]struct{ a [13]int64 }
	v106        map[int64][106]byte
	w106        map[int32]struct{ a [13]int64 }
	v107        map[int64][107]byte
	w107        map[int32]struct{ a [13]int64 }
	v108        map[int64][108]byte
	w108        map[int32]struct{ a [13]int64 }
	v109        map[int64][109]byte
	w109        map[int32]struct{ a [13]int64 }
	v110        map[int64][110]byte
	w110        map[int32]struct{ a [13]int64 }
	v111        map[int64][111]byte
	w111        map[int32]struct{ a [13]int64 }
	v112        map[int64][112]byte
	w112        map[int32]struct{ a [14]int64 }
	v113        map[int64][113]byte
	w113        map[int32]struct{ a [14]int64 }
	v114        map[int64][114]byte
	w114        map[int32]struct{ a [14]int64 }
	v115        map[int64][115]byte
	w115        map[int32]struct{ a [14]int64 }
	v116        map[int64][116]byte
	w116        map[int32]struct{ a [14]int64 }
	v117        map[int64][117]byte
	w117        map[int32]struct{ a [14]int64 }
	v118        map[int64][118]byte
	w118        map[int32]struct{ a [14]int64 }
	v119        map[int64][119]byte
	w119        map[int32]struct{ a [14]int64 }
	v120        map[int64][120]byte
	w120        map[int32]struct{ a [15]int64 }
	v121        map[int64][121]byte
	w121        map[int32]struct{ a [15]int64 }
	v122        map[int64][122]byte
	w122        map[int32]struct{ a [15]int64 }
	v123        map[int64][123]byte
	w123        map[int32]struct{ a [15]int64 }
	v124        map[int64][124]byte
	w124        map[int32]struct{ a [15]int64 }
	v125        map[int64][125]byte
	w125        map[int32]struct{ a [15]int64 }
	v126        map[int64][126]byte
	w126        map[int32]struct{ a [15]int64 }
	v127        map[int64][127]byte
	w127        map[int32]struct{ a [15]int64 }
	v128        map[int64][128]byte
	w128        map[int32]struct{ a [16]int64 }
	v129        map[int64][129]byte
	w129        map[int32]struct{ a [16]int64 }
	v130        map[int64][130]byte
	w130        map[int32]struct{ a [16]int64 }
	v131        map[int64][131]byte
	w131        map[int32]struct{ a [16]int64 }
	v132        map[int64][132]byte
	w132        map[int32]struct{ a [16]int64 }
	v133        map[int64][133]byte
	w133        map[int32]struct{ a [16]int64 }
	v134        map[int64][134]byte
	w134        map[int32]struct{ a [16]int64 }
	v135        map[int64][135]byte
	w135        map[int32]struct{ a [16]int64 }
	v136        map[int64][136]byte
	w136        map[int32]struct{ a [17]int64 }
	h1_72       = make(map[int64][72]byte, 1)
	h1_96       = make(map[int64][96]byte, 1)
	h1_112      = make(map[int64][112]byte, 1)
	h1_128      = make(map[int64][128]byte, 1)
	h8_72       = make(map[int64][72]byte, 8)
	h8_96       = make(map[int64][96]byte, 8)
	h8_112      = make(map[int64][112]byte, 8)
	h8_128      = make(map[int64][128]byte, 8)
	h9_72       = make(map[int64][72]byte, 9)
	h9_96       = make(map[int64][96]byte, 9)
	h9_112      = make(map[int64][112]byte, 9)
	h9_128      = make(map[int64][128]byte, 9)
	h14_72      = make(map[int64][72]byte, 14)
	h14_96      = make(map[int64][96]byte, 14)
	h14_112     = make(map[int64][112]byte, 14)
	h14_128     = make(map[int64][128]byte, 14)
	h15_72      = make(map[int64][72]byte, 15)
	h15_96      = make(map[int64][96]byte, 15)
	h15_112     = make(map[int64][112]byte, 15)
	h15_128     = make(map[int64][128]byte, 15)
	h100_72     = make(map[int64][72]byte, 100)
	h100_96     = make(map[int64][96]byte, 100)
	h100_112    = make(map[int64][112]byte, 100)
	h100_128    = make(map[int64][128]byte, 100)
	h1000_72    = make(map[int64][72]byte, 1000)
	h1000_96    = make(map[int64][96]byte, 1000)
	h1000_112   = make(map[int64][112]byte, 1000)
	h1000_128   = make(map[int64][128]byte, 1000)
	h5000_72    = make(map[int64][72]byte, 5000)
	h5000_96    = make(map[int64][96]byte, 5000)
	h5000_112   = make(map[int64][112]byte, 5000)
	h5000_128   = make(map[int64][128]byte, 5000)
	h100000_72  = make(map[int64][72]byte, 100000)
	h100000_96  = make(map[int64][96]byte, 100000)
	h100000_112 = make(map[int64][112]byte, 100000)
	h100000_128 = make(map[int64][128]byte, 100000)
	smallKey    map[int8][64]byte
	bigKey      map[[100]byte]int8
)
