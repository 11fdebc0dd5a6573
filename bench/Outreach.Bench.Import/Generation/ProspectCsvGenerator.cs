using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bogus;

namespace Outreach.Bench.Import.Generation;

/// <summary>
/// Writes a prospect list the way data vendors and old CRMs export them: header spellings that differ per
/// file, unknown columns, invalid and duplicate rows, quoted commas and quotes, a few multi-line cells,
/// ragged rows, blank lines, and a handful of raw Windows-1252 bytes in an otherwise UTF-8 file.
/// Everything follows from the seed, so two runs with one seed write the same bytes.
/// </summary>
public sealed class ProspectCsvGenerator
{
    private const double RaggedShare = 0.01;
    private const double BlankLineShare = 0.002;
    private const double MultilineShare = 0.002;
    private const double AccentShare = 0.01;
    private const double ApostropheShare = 0.005;

    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    private static readonly string[] SicCodes =
    [
        "5812", "7231", "1521", "8011", "7538", "5411", "8721", "6531", "1711", "7349", "4212", "8021", "0742",
        "5013", "7011", "8062", "1731", "5999", "7532", "8111", "7991", "5941", "2752", "3599", "4214", "5712",
        "8351", "7699", "1799", "5261", "5531", "7342", "8049", "6411", "4789", "5149", "7389", "8742",
    ];

    private static readonly (string Title, int Weight)[] Titles =
    [
        ("Owner", 30), ("CEO", 8), ("President", 12), ("Office Manager", 8), ("General Manager", 6), ("Manager", 6),
        ("Founder", 4), ("Co-Owner", 4), ("Partner", 4), ("Owner/Operator", 3), ("President & CEO", 2),
        ("VP Sales", 2), ("Director of Operations", 2), ("Bookkeeper", 2), ("Principal", 2), ("", 5),
    ];

    private static readonly string[] AccentedFirstNames = ["José", "Zoë", "Renée", "Chloé", "André", "Noël", "Inés", "Jürgen", "François", "Mónica", "Raúl", "Begoña"];
    private static readonly string[] AccentedLastNames = ["Müller", "Peña", "Núñez", "García", "Ibáñez", "López", "Gómez", "Schäfer", "Côté", "Fernández", "Jiménez", "Björk"];
    private static readonly string[] ApostropheCompanies = ["Joe’s Diner", "Bob’s Auto Body", "Mary’s Bakery", "Tony’s Pizzeria", "Sam’s Hardware", "Kate’s Cleaning Co."];
    private static readonly string[] GarbagePhones = ["555-12", "N/A", "", "n/a", "none", "0", "123", "(000) 000-0000", "1234567", "TBD", "-"];
    private static readonly string[] GarbageEmails = ["", "", "", "n/a", "none", "john@", "@gmail.com", "no email", "-"];
    private static readonly string[] FreeMail = ["gmail.com", "yahoo.com", "aol.com", "hotmail.com", "outlook.com", "comcast.net", "icloud.com"];
    private static readonly string[] TopLevel = ["com", "com", "com", "net", "biz", "us", "co"];
    private static readonly string[] ListSources = ["InfoUSA Q3", "Data Axle 2024", "Trade show", "Referral", "ZoomInfo export", "Chamber directory", "Web form"];
    // Bogus's English counties are British; these are the commonest US county names.
    private static readonly string[] Counties =
    [
        "Washington", "Jefferson", "Franklin", "Jackson", "Lincoln", "Madison", "Montgomery", "Clay", "Marion", "Monroe",
        "Union", "Wayne", "Greene", "Warren", "Grant", "Orange", "Los Angeles", "Cook", "Harris", "Maricopa", "King",
        "Dallas", "Kings", "Miami-Dade", "Bexar", "Wake", "Fulton", "Hennepin", "Travis", "Cuyahoga", "Allegheny",
        "Suffolk", "Middlesex", "Essex", "Bergen", "Fairfax", "Salt Lake", "Clark", "Pinellas", "St. Louis",
    ];
    private static readonly string[] Reps = ["Dana", "Miguel", "Priya", "Tom", "Alicia", "Jordan"];

    private readonly int _rows;
    private readonly double _invalidShare;
    private readonly double _duplicateShare;
    private readonly Random _random;
    private readonly Faker _faker;
    private readonly Encoding _windows1252;
    private readonly int[] _regionWeights;
    private readonly HashSet<long> _phones = [];
    private readonly HashSet<string> _emails = new(StringComparer.Ordinal);
    private readonly List<(long Phone, string? Email)> _earlier = [];
    private readonly Dictionary<string, string> _domains = new(StringComparer.Ordinal);

    // Bogus formats companies and streets from templates, which is the slow part; pools sampled per row keep
    // a million rows to seconds, and a real list repeats companies (franchises, chains) anyway.
    private readonly string[] _companies;
    private readonly string[] _streets;
    private readonly string[] _secondary;
    private readonly string[] _cities;
    private readonly string[] _firstNames;
    private readonly string[] _lastNames;
    private readonly string[] _zips;

    private readonly Layout _layout;
    private readonly int _dominantPhoneFormat;
    private readonly bool _quoteAll;
    private readonly string _newline;
    private readonly bool _bom;

    private readonly GeneratorReport.Counts _counts = new();

    /// <param name="invalidPercent">Rows with neither a usable phone nor a usable e-mail (5 by default).</param>
    /// <param name="duplicatePercent">Rows repeating an earlier row's phone or e-mail (10 by default).</param>
    public ProspectCsvGenerator(int rows, int seed, int invalidPercent = 5, int duplicatePercent = 10)
    {
        if (rows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), "At least one row.");
        }
        if (invalidPercent < 0 || duplicatePercent < 0 || invalidPercent + duplicatePercent > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(invalidPercent), "Percentages between 0 and 100 in total.");
        }
        _rows = rows;
        _invalidShare = invalidPercent / 100.0;
        _duplicateShare = duplicatePercent / 100.0;
        _random = new Random(seed);
        Randomizer.Seed = new Random(seed);
        _faker = new Faker("en") { Random = new Randomizer(seed) };
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        _windows1252 = Encoding.GetEncoding(1252);
        _regionWeights = UsRegion.All.SelectMany((r, i) => Enumerable.Repeat(i, r.Weight)).ToArray();

        var pool = Math.Clamp(rows / 10, 2_000, 60_000);
        _companies = Pool(pool, () => _faker.Company.CompanyName());
        _streets = Pool(pool, () => _faker.Address.StreetAddress());
        _secondary = Pool(500, () => _faker.Address.SecondaryAddress());
        _cities = Pool(3_000, () => _faker.Address.City());
        _firstNames = Pool(4_000, () => _faker.Name.FirstName());
        _lastNames = Pool(4_000, () => _faker.Name.LastName());
        _zips = Pool(20_000, () => _faker.Address.ZipCode("#####"));

        _layout = Layout.Choose(_random);
        _dominantPhoneFormat = _random.Next(PhoneFormats);
        _quoteAll = _random.NextDouble() < 0.25;
        _newline = _random.NextDouble() < 0.6 ? "\r\n" : "\n";
        _bom = _random.NextDouble() < 0.3;
    }

    public GeneratorReport Write(string path)
    {
        var stopwatch = Stopwatch.StartNew();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        long bytes;
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var line = new StringBuilder(1024);
            var encoded = new byte[16 * 1024];
            if (_bom)
            {
                file.Write([0xEF, 0xBB, 0xBF]);
            }
            var header = _layout.Columns.Select(c => c.Header).ToArray();
            Append(line, header, header.Length, windows1252: false);
            Flush(file, line, ref encoded, windows1252: false);

            var cells = new string[header.Length];
            for (var row = 0; row < _rows; row++)
            {
                if (_random.NextDouble() < BlankLineShare)
                {
                    // Spreadsheets leave both kinds: a truly empty line, and a row of empty cells.
                    line.Append(_random.NextDouble() < 0.5 ? "" : new string(',', header.Length - 1)).Append(_newline);
                    Flush(file, line, ref encoded, windows1252: false);
                    _counts.BlankLines++;
                }
                var windows1252 = FillRow(row, cells);
                var count = cells.Length;
                if (_random.NextDouble() < RaggedShare)
                {
                    // Trailing empty cells dropped by the exporting tool; never the phone or e-mail (they sit early).
                    count -= 1 + _random.Next(3);
                    _counts.Ragged++;
                }
                Append(line, cells, count, windows1252);
                Flush(file, line, ref encoded, windows1252);
            }
            bytes = file.Length;
        }
        _counts.Rows = _rows;
        return new GeneratorReport(
            Path.GetFullPath(path), bytes, stopwatch.ElapsedMilliseconds, _bom, _newline == "\r\n" ? "CRLF" : "LF", _quoteAll,
            _layout.Columns.Select(c => c.Header).ToArray(), _counts);
    }

    /// <summary>Fills one data row; true when its non-ASCII text is to be written as Windows-1252 bytes.</summary>
    private bool FillRow(int row, string[] cells)
    {
        Array.Fill(cells, string.Empty);
        var region = UsRegion.All[_regionWeights[_random.Next(_regionWeights.Length)]];
        var first = Pick(_firstNames);
        var last = Pick(_lastNames);
        var company = Pick(_companies);
        var windows1252 = false;
        var roll = _random.NextDouble();
        if (roll < AccentShare)
        {
            first = _random.NextDouble() < 0.6 ? Pick(AccentedFirstNames) : first;
            last = _random.NextDouble() < 0.6 ? Pick(AccentedLastNames) : last;
            windows1252 = _random.NextDouble() < 0.5;
        }
        else if (roll < AccentShare + ApostropheShare)
        {
            company = Pick(ApostropheCompanies);
            windows1252 = _random.NextDouble() < 0.5;
        }
        if (first.Any(c => c > 127) || last.Any(c => c > 127) || company.Any(c => c > 127))
        {
            if (windows1252)
            {
                _counts.Windows1252Rows++;
            }
            else
            {
                _counts.Utf8AccentRows++;
            }
        }
        else
        {
            windows1252 = false;
        }

        string phone;
        string email;
        var kind = _random.NextDouble();
        if (kind < _invalidShare)
        {
            phone = Pick(GarbagePhones);
            email = Pick(GarbageEmails);
            _counts.Invalid++;
        }
        else if (kind < _invalidShare + _duplicateShare && _earlier.Count > 0)
        {
            (phone, email) = Duplicate(region, first, last, company);
        }
        else
        {
            (phone, email) = Fresh(region, first, last, company);
        }

        var companyCell = Company(company);
        var firstCell = _random.NextDouble() < 0.05 ? "" : first;
        var lastCell = _random.NextDouble() < 0.05 ? "" : last;
        var ownerCell = OwnerName(first, last);
        if (companyCell.Length == 0 && ownerCell.Length == 0 && firstCell.Length == 0 && lastCell.Length == 0)
        {
            // A row needs someone or some business to address; only the deliberate invalid rows lack both.
            companyCell = company;
        }
        for (var index = 0; index < _layout.Columns.Count; index++)
        {
            cells[index] = _layout.Columns[index].Kind switch
            {
                ColumnKind.Company => companyCell,
                ColumnKind.First => firstCell,
                ColumnKind.Last => lastCell,
                ColumnKind.OwnerName => ownerCell,
                ColumnKind.Title => PickWeighted(Titles),
                ColumnKind.Phone => phone,
                ColumnKind.Email => email,
                ColumnKind.Address => Address(),
                ColumnKind.City => _random.NextDouble() < 0.03 ? "" : Pick(_cities),
                ColumnKind.State => State(region),
                ColumnKind.Zip => Zip(),
                ColumnKind.County => _random.NextDouble() < 0.2 ? "" : Pick(Counties),
                ColumnKind.Sic => _random.NextDouble() < 0.06 ? "" : Pick(SicCodes),
                ColumnKind.Revenue => Revenue(),
                ColumnKind.Employees => Employees(),
                ColumnKind.Website => Website(company),
                ColumnKind.LinkedIn => LinkedIn(first, last),
                ColumnKind.LeadId => $"L{row + 100_001:D7}",
                ColumnKind.ListSource => Pick(ListSources),
                ColumnKind.DateAdded => new DateOnly(2024, 1, 1).AddDays(_random.Next(600)).ToString("M/d/yyyy", CultureInfo.InvariantCulture),
                ColumnKind.SalesRep => _random.NextDouble() < 0.3 ? "" : Pick(Reps),
                _ => "",
            };
        }
        return windows1252;
    }

    private (string Phone, string Email) Fresh(UsRegion region, string first, string last, string company)
    {
        var shape = _random.NextDouble();
        long phone = 0;
        string? email = null;
        if (shape < 0.92)
        {
            phone = NewPhone(region);
        }
        if (shape < 0.65 || shape >= 0.92)
        {
            email = NewEmail(first, last, company);
        }
        _earlier.Add((phone, email));
        _counts.Valid++;
        var phoneText = phone == 0 ? (_random.NextDouble() < 0.5 ? "" : "N/A") : FormatPhone(phone, _random.NextDouble() < 0.6 ? _dominantPhoneFormat : _random.Next(PhoneFormats));
        // A valid phone next to an unusable e-mail is still a prospect (and the other way round).
        var emailText = email ?? (_random.NextDouble() < 0.9 ? "" : Pick(GarbageEmails));
        return (phoneText, emailText);
    }

    /// <summary>Repeats an earlier row's phone (in another format) or e-mail (in other capitals); everything else differs.</summary>
    private (string Phone, string Email) Duplicate(UsRegion region, string first, string last, string company)
    {
        var (earlierPhone, earlierEmail) = _earlier[_random.Next(_earlier.Count)];
        var byEmail = earlierEmail is not null && (earlierPhone == 0 || _random.NextDouble() < 0.3);
        _counts.Duplicates++;
        if (byEmail)
        {
            _counts.DuplicatesByEmail++;
            var email = _random.NextDouble() < 0.3 ? earlierEmail!.ToUpperInvariant() : _random.NextDouble() < 0.5 ? Capitalized(earlierEmail!) : earlierEmail!;
            var phone = _random.NextDouble() < 0.5 ? "" : FormatPhone(NewPhone(region), _dominantPhoneFormat);
            return (phone, email);
        }
        _counts.DuplicatesByPhone++;
        var format = (_dominantPhoneFormat + 1 + _random.Next(PhoneFormats - 1)) % PhoneFormats;
        var otherEmail = _random.NextDouble() < 0.5 ? "" : NewEmail(first, last, company);
        return (FormatPhone(earlierPhone, format), otherEmail);
    }

    private long NewPhone(UsRegion region)
    {
        while (true)
        {
            var area = region.AreaCodes[_random.Next(region.AreaCodes.Length)];
            // Exchange: 2-9 first, never N11 (service codes), never 555 (directory and the fictional 555-01xx range).
            var exchange = _random.Next(200, 1000);
            if (exchange % 100 == 11 || exchange == 555)
            {
                continue;
            }
            var number = area * 10_000_000L + exchange * 10_000L + _random.Next(10_000);
            if (_phones.Add(number))
            {
                return number;
            }
        }
    }

    private const int PhoneFormats = 8;

    private string FormatPhone(long number, int format)
    {
        var area = number / 10_000_000;
        var exchange = number / 10_000 % 1_000;
        var line = number % 10_000;
        return format switch
        {
            0 => $"({area}) {exchange}-{line:D4}",
            1 => $"{area}.{exchange}.{line:D4}",
            2 => $"+1 {area} {exchange} {line:D4}",
            3 => $"{area}{exchange}{line:D4} x{_random.Next(10, 9999)}",
            4 => $"{area}-{exchange}-{line:D4}",
            5 => $"1-{area}-{exchange}-{line:D4}",
            6 => $"{area}{exchange}{line:D4}",
            _ => $"+1 ({area}) {exchange}-{line:D4}",
        };
    }

    private string NewEmail(string first, string last, string company)
    {
        var f = Ascii(first);
        var l = Ascii(last);
        if (f.Length == 0)
        {
            f = "info";
        }
        var domain = _random.NextDouble() < 0.35 ? Pick(FreeMail) : CompanyDomain(company);
        var local = _random.Next(5) switch
        {
            0 => $"{f}.{l}",
            1 => $"{f[0]}{l}",
            2 => f,
            3 => $"{f}{l}",
            _ => $"{f}_{l[..Math.Min(l.Length, 1)]}",
        };
        var candidate = $"{local}@{domain}";
        for (var n = 2; !_emails.Add(candidate); n++)
        {
            candidate = $"{local}{(n < 10 ? n : _random.Next(10, 100_000))}@{domain}";
        }
        // Half the vendors keep the capitals people typed.
        return _random.NextDouble() < 0.2 ? Capitalized(candidate) : candidate;
    }

    private string CompanyDomain(string company)
    {
        if (!_domains.TryGetValue(company, out var domain))
        {
            var words = Ascii(company.Split(' ', ',')[0]);
            domain = $"{(words.Length > 0 ? words : "biz")}{Ascii(company.Split(' ', ',').ElementAtOrDefault(1) ?? "")}.{Pick(TopLevel)}";
            _domains[company] = domain;
        }
        return domain;
    }

    private static string Capitalized(string email) =>
        string.Join('.', email.Split('.').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));

    private string Company(string company)
    {
        var roll = _random.NextDouble();
        return roll switch
        {
            < 0.01 => $"{company.Split(' ')[0]} \"The Best\" {company.Split(' ').Last()}",
            < 0.05 when !company.EndsWith("Inc", StringComparison.Ordinal) && !company.EndsWith("LLC", StringComparison.Ordinal) => company + ", Inc.",
            < 0.09 => company.ToUpperInvariant(),
            < 0.12 => company + " LLC",
            < 0.14 => "",
            _ => company,
        };
    }

    private string OwnerName(string first, string last) => _random.NextDouble() switch
    {
        < 0.65 => $"{first} {last}",
        < 0.77 => $"{last}, {first}",
        < 0.85 => $"{first} {(char)('A' + _random.Next(26))}. {last}",
        < 0.88 => $"{first.ToUpperInvariant()} {last.ToUpperInvariant()}",
        _ => "",
    };

    private string Address()
    {
        var street = Pick(_streets);
        var roll = _random.NextDouble();
        if (roll < MultilineShare)
        {
            _counts.Multiline++;
            return street + "\n" + Pick(_secondary);
        }
        return roll < 0.15 ? $"{street}, {Pick(_secondary)}" : roll < 0.18 ? "" : street;
    }

    private string State(UsRegion region) => _random.NextDouble() switch
    {
        < 0.55 => region.Code,
        < 0.80 => region.Name,
        < 0.86 => region.Code.ToLowerInvariant(),
        < 0.92 => region.Name.ToUpperInvariant(),
        < 0.95 => $" {region.Code} ",
        _ => "",
    };

    private string Zip()
    {
        var zip = Pick(_zips);
        var roll = _random.NextDouble();
        if (zip[0] == '0' && roll < 0.5)
        {
            return zip.TrimStart('0'); // Excel ate the leading zero.
        }
        return roll switch
        {
            < 0.12 => $"{zip}-{_random.Next(10_000):D4}",
            < 0.16 => "",
            _ => zip,
        };
    }

    private string Revenue()
    {
        // Log-uniform between $100K and $50M: most small businesses are small.
        var value = Math.Round(Math.Exp(Math.Log(100_000) + _random.NextDouble() * (Math.Log(50_000_000) - Math.Log(100_000))), 0);
        var millions = value / 1_000_000;
        return _random.Next(8) switch
        {
            0 => $"${millions.ToString("0.#", CultureInfo.InvariantCulture)}M",
            1 => value.ToString("#,0", CultureInfo.InvariantCulture),
            2 => value < 1_000_000 ? $"{(value / 1_000).ToString("0", CultureInfo.InvariantCulture)}K" : $"{millions.ToString("0.#", CultureInfo.InvariantCulture)}M",
            3 => "$" + value.ToString("#,0", CultureInfo.InvariantCulture),
            4 => value.ToString("0", CultureInfo.InvariantCulture),
            5 => $"{(value / 1_000).ToString("0", CultureInfo.InvariantCulture)}K",
            _ => "",
        };
    }

    private string Employees() => _random.Next(7) switch
    {
        0 => (1 + _random.Next(4)).ToString(CultureInfo.InvariantCulture),
        1 => (5 + _random.Next(45)).ToString(CultureInfo.InvariantCulture),
        2 => "1-4",
        3 => "5 to 9",
        4 => "10-19",
        5 => "50+",
        _ => "",
    };

    private string Website(string company)
    {
        var domain = CompanyDomain(company);
        return _random.Next(6) switch
        {
            0 => "www." + domain,
            1 => "http://" + domain,
            2 => domain,
            3 => $"https://www.{domain}/",
            _ => "",
        };
    }

    private string LinkedIn(string first, string last)
    {
        if (_random.NextDouble() >= 0.35)
        {
            return "";
        }
        var slug = $"{Ascii(first)}-{Ascii(last)}";
        return _random.Next(3) switch
        {
            0 => $"https://www.linkedin.com/in/{slug}-{_random.Next(0x1000, 0xFFFFF):x}",
            1 => $"linkedin.com/in/{slug}",
            _ => $"www.linkedin.com/in/{slug}{_random.Next(1, 99)}",
        };
    }

    private void Append(StringBuilder line, string[] cells, int count, bool windows1252)
    {
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }
            var cell = windows1252 ? MarkWindows1252(cells[i]) : cells[i];
            var quote = _quoteAll || cell.AsSpan().IndexOfAny(",\"\r\n") >= 0;
            if (!quote)
            {
                line.Append(cell);
                continue;
            }
            line.Append('"');
            foreach (var c in cell)
            {
                line.Append(c);
                if (c == '"')
                {
                    line.Append('"');
                }
            }
            line.Append('"');
        }
        line.Append(_newline);
    }

    // Characters destined to be written as raw Windows-1252 bytes travel through the line as U+E000 + byte.
    private const char Marker = '\uE000';

    private string MarkWindows1252(string cell)
    {
        if (!cell.Any(c => c > 127))
        {
            return cell;
        }
        var chars = cell.ToCharArray();
        Span<byte> single = stackalloc byte[4];
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] > 127)
            {
                var written = _windows1252.GetBytes(chars.AsSpan(i, 1), single);
                chars[i] = (char)(Marker + (written == 1 ? single[0] : (byte)'?'));
            }
        }
        return new string(chars);
    }

    private static void Flush(Stream file, StringBuilder line, ref byte[] encoded, bool windows1252)
    {
        var text = line.ToString();
        line.Clear();
        var max = Utf8.GetMaxByteCount(text.Length);
        if (encoded.Length < max)
        {
            encoded = new byte[max];
        }
        if (!windows1252)
        {
            file.Write(encoded, 0, Utf8.GetBytes(text, encoded));
            return;
        }
        var length = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && (text[i] < Marker || text[i] > Marker + 0xFF))
            {
                continue;
            }
            length += Utf8.GetBytes(text.AsSpan(start, i - start), encoded.AsSpan(length));
            if (i < text.Length)
            {
                encoded[length++] = (byte)(text[i] - Marker);
            }
            start = i + 1;
        }
        file.Write(encoded, 0, length);
    }

    private static string Ascii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.ToString();
    }

    private string Pick(string[] values) => values[_random.Next(values.Length)];

    private string PickWeighted((string Value, int Weight)[] values)
    {
        var total = 0;
        foreach (var (_, weight) in values)
        {
            total += weight;
        }
        var roll = _random.Next(total);
        foreach (var (value, weight) in values)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }
        return values[^1].Value;
    }

    private static string[] Pool(int size, Func<string> next)
    {
        var values = new string[size];
        for (var i = 0; i < size; i++)
        {
            values[i] = next();
        }
        return values;
    }

    private enum ColumnKind
    {
        LeadId, Company, First, Last, OwnerName, Title, Phone, Email, Address, City, State, Zip, County, Sic, Revenue,
        Employees, Website, LinkedIn, ListSource, DateAdded, SalesRep,
    }

    private sealed record Column(ColumnKind Kind, string Header);

    /// <summary>The file's columns: one spelling per field, drawn per file, and two columns no importer knows.</summary>
    private sealed record Layout(IReadOnlyList<Column> Columns)
    {
        private static readonly (ColumnKind Kind, string[] Spellings)[] Known =
        [
            (ColumnKind.Company, ["Company Name", "COMPANY NAME", "company_name", "Business"]),
            (ColumnKind.First, ["First", "First Name"]),
            (ColumnKind.Last, ["Last", "Last Name"]),
            (ColumnKind.OwnerName, ["Owner Name"]),
            (ColumnKind.Title, ["Title", "TITLE"]),
            (ColumnKind.Phone, ["Phone 1", "Mobile", "Phone Number"]),
            (ColumnKind.Email, ["E-mail", "Email Address"]),
            (ColumnKind.Address, ["Address", "Street Address"]),
            (ColumnKind.City, ["City"]),
            (ColumnKind.State, ["State"]),
            (ColumnKind.Zip, ["Zip", "Zip Code"]),
            (ColumnKind.County, ["County"]),
            (ColumnKind.Sic, ["SIC", "SIC Code"]),
            (ColumnKind.Revenue, ["Revenue", "Annual Revenue"]),
            (ColumnKind.Employees, ["Employees"]),
            (ColumnKind.Website, ["Website"]),
            (ColumnKind.LinkedIn, ["LinkedIn"]),
        ];

        private static readonly (ColumnKind Kind, string Header)[] Unknown =
        [
            (ColumnKind.LeadId, "Lead ID"), (ColumnKind.ListSource, "List Source"), (ColumnKind.DateAdded, "Date Added"), (ColumnKind.SalesRep, "Sales Rep"),
        ];

        public static Layout Choose(Random random)
        {
            var columns = Known.Select(k => new Column(k.Kind, k.Spellings[random.Next(k.Spellings.Length)])).ToList();
            var unknown = Unknown.OrderBy(_ => random.Next()).Take(2).ToArray();
            // One unknown column leads (record ids usually do), one trails; phone and e-mail stay early.
            columns.Insert(0, new Column(unknown[0].Kind, unknown[0].Header));
            columns.Add(new Column(unknown[1].Kind, unknown[1].Header));
            return new Layout(columns);
        }
    }
}
