namespace Outreach.Bench.Messaging.Inbound;

/// <summary>
/// Distinct, valid North American mobile numbers to reply from. Area code 737 is left out: the outbound
/// benchmark's recipients live there, and an opt-out from here must never suppress one of them.
/// </summary>
public static class SenderPool
{
    private static readonly int[] AreaCodes =
    [
        201, 202, 203, 205, 206, 210, 212, 213, 214, 215, 216, 217, 224, 225, 239, 240, 248, 251, 252, 254, 267,
        281, 301, 303, 305, 310, 312, 313, 314, 315, 317, 318, 319, 320, 321, 323, 330, 336, 346, 347, 352, 404,
        405, 407, 408, 410, 412, 414, 415, 417, 419, 423, 425, 432, 435, 440, 443, 469, 470, 478, 480, 501, 502,
        503, 504, 505, 512, 513, 515, 516, 520, 530, 540, 559, 561, 562, 571, 585, 586, 602, 603, 609, 610, 612,
        614, 615, 617, 619, 623, 626, 630, 631, 646, 650, 651, 661, 678, 702, 703, 704, 708, 713, 714, 716, 717,
        718, 719, 720, 727, 731, 732, 734, 754, 757, 760, 763, 770, 773, 774, 781, 786, 801, 803, 804, 805, 813,
        815, 816, 817, 818, 832, 843, 847, 850, 856, 857, 858, 860, 863, 864, 865, 901, 904, 908, 909, 910, 912,
        913, 914, 916, 917, 918, 919, 925, 936, 940, 941, 949, 951, 952, 954, 956, 970, 971, 972, 973, 978,
    ];

    public static string[] Create(int count, Random random)
    {
        var numbers = new HashSet<string>(count);
        while (numbers.Count < count)
        {
            var exchange = random.Next(200, 1000);
            if (exchange % 100 == 11 || exchange == 555)
            {
                continue; // N11 codes and 555 are not subscriber exchanges.
            }
            numbers.Add($"+1{AreaCodes[random.Next(AreaCodes.Length)]}{exchange}{random.Next(10_000):D4}");
        }
        return [.. numbers];
    }
}
