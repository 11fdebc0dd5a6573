namespace Outreach.Bench.Import.Generation;

/// <summary>A state with real area codes, weighted roughly by how many small businesses it has.</summary>
public sealed record UsRegion(string Code, string Name, int Weight, int[] AreaCodes)
{
    /// <summary>Real geographic area codes (none starts with 0 or 1, none is N11), so every generated number is dialable NANP.</summary>
    public static IReadOnlyList<UsRegion> All { get; } =
    [
        new("CA", "California", 12, [209, 213, 310, 323, 408, 415, 424, 510, 530, 559, 562, 619, 626, 650, 657, 661, 707, 714, 747, 760, 805, 818, 831, 858, 909, 916, 925, 949, 951]),
        new("TX", "Texas", 9, [210, 214, 254, 281, 325, 346, 361, 409, 430, 432, 469, 512, 682, 713, 737, 806, 817, 830, 832, 903, 915, 936, 940, 956, 972, 979]),
        new("FL", "Florida", 7, [239, 305, 321, 352, 386, 407, 561, 727, 754, 772, 786, 813, 850, 863, 904, 941, 954]),
        new("NY", "New York", 6, [212, 315, 332, 347, 516, 518, 585, 607, 631, 646, 716, 718, 845, 914, 917, 929]),
        new("PA", "Pennsylvania", 4, [215, 267, 272, 412, 484, 570, 610, 717, 724, 814]),
        new("IL", "Illinois", 4, [217, 224, 309, 312, 331, 618, 630, 708, 773, 779, 815, 847, 872]),
        new("OH", "Ohio", 4, [216, 220, 234, 330, 380, 419, 440, 513, 567, 614, 740, 937]),
        new("GA", "Georgia", 3, [229, 404, 470, 478, 678, 706, 762, 770, 912]),
        new("NC", "North Carolina", 3, [252, 336, 704, 743, 828, 910, 919, 980, 984]),
        new("MI", "Michigan", 3, [231, 248, 269, 313, 517, 586, 616, 734, 810, 906, 947, 989]),
        new("NJ", "New Jersey", 3, [201, 551, 609, 640, 732, 848, 856, 862, 908, 973]),
        new("VA", "Virginia", 3, [276, 434, 540, 571, 703, 757, 804]),
        new("WA", "Washington", 2, [206, 253, 360, 425, 509, 564]),
        new("AZ", "Arizona", 2, [480, 520, 602, 623, 928]),
        new("MA", "Massachusetts", 2, [339, 351, 413, 508, 617, 774, 781, 857, 978]),
        new("TN", "Tennessee", 2, [423, 615, 629, 731, 865, 901, 931]),
        new("IN", "Indiana", 2, [219, 260, 317, 463, 574, 765, 812, 930]),
        new("MO", "Missouri", 2, [314, 417, 573, 636, 660, 816]),
        new("MD", "Maryland", 2, [240, 301, 410, 443, 667]),
        new("WI", "Wisconsin", 2, [262, 414, 534, 608, 715, 920]),
        new("CO", "Colorado", 2, [303, 719, 720, 970]),
        new("MN", "Minnesota", 2, [218, 320, 507, 612, 651, 763, 952]),
        new("SC", "South Carolina", 1, [803, 843, 854, 864]),
        new("AL", "Alabama", 1, [205, 251, 256, 334, 938]),
        new("LA", "Louisiana", 1, [225, 318, 337, 504, 985]),
        new("KY", "Kentucky", 1, [270, 364, 502, 606, 859]),
        new("OR", "Oregon", 1, [458, 503, 541, 971]),
        new("OK", "Oklahoma", 1, [405, 539, 580, 918]),
        new("CT", "Connecticut", 1, [203, 475, 860, 959]),
        new("UT", "Utah", 1, [385, 435, 801]),
        new("NV", "Nevada", 1, [702, 725, 775]),
        new("NM", "New Mexico", 1, [505, 575]),
        new("NE", "Nebraska", 1, [308, 402, 531]),
    ];
}
