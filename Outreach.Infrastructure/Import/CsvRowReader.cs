using System.Text;

namespace Outreach.Infrastructure.Import;

/// <summary>
/// A forgiving, streaming RFC 4180 reader. Real exports are messy, so nothing here throws on content: rows
/// may have more or fewer cells than the header, a quote inside an unquoted cell is kept as text, a quoted
/// cell may span lines, and CR, LF and CRLF all end a row. Only the current row is held in memory.
/// </summary>
public sealed class CsvRowReader(TextReader reader, char delimiter)
{
    private readonly char[] _buffer = new char[1 << 16];
    private readonly List<string> _cells = new(32);
    private readonly StringBuilder _cell = new(256);
    private int _length;
    private int _position;
    private bool _end;

    /// <summary>The spreadsheet row number (first line = 1) where the current record starts.</summary>
    public int RowNumber { get; private set; }

    private int _line = 1;

    /// <summary>Reads the next record, or returns null at the end of the file. Blank lines are skipped.</summary>
    public async ValueTask<string[]?> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (!await EnsureAsync(cancellationToken))
            {
                return null;
            }
            RowNumber = _line;
            var record = await ReadRecordAsync(cancellationToken);
            if (record.Length > 1 || record[0].Length > 0)
            {
                return record;
            }
        }
    }

    private async ValueTask<string[]> ReadRecordAsync(CancellationToken cancellationToken)
    {
        _cells.Clear();
        _cell.Clear();
        var quoted = false;
        var cellStart = true;
        while (await EnsureAsync(cancellationToken))
        {
            var c = _buffer[_position++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (!await EnsureAsync(cancellationToken))
                    {
                        break;
                    }
                    if (_buffer[_position] == '"')
                    {
                        _cell.Append('"');
                        _position++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n' || (c == '\r' && !await PeekIsAsync('\n', cancellationToken)))
                    {
                        _line++;
                    }
                    _cell.Append(c);
                }
                continue;
            }
            if (c == delimiter)
            {
                _cells.Add(_cell.ToString());
                _cell.Clear();
                cellStart = true;
                continue;
            }
            if (c == '\r' || c == '\n')
            {
                if (c == '\r' && await PeekIsAsync('\n', cancellationToken))
                {
                    _position++;
                }
                _line++;
                break;
            }
            if (c == '"' && cellStart)
            {
                quoted = true;
                cellStart = false;
                continue;
            }
            cellStart = false;
            _cell.Append(c);
        }
        _cells.Add(_cell.ToString());
        return [.. _cells];
    }

    private async ValueTask<bool> PeekIsAsync(char expected, CancellationToken cancellationToken) =>
        await EnsureAsync(cancellationToken) && _buffer[_position] == expected;

    private async ValueTask<bool> EnsureAsync(CancellationToken cancellationToken)
    {
        if (_position < _length)
        {
            return true;
        }
        if (_end)
        {
            return false;
        }
        _length = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
        _position = 0;
        _end = _length == 0;
        return !_end;
    }
}
