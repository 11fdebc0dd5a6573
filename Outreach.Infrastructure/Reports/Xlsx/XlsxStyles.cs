namespace Outreach.Infrastructure.Reports.Xlsx;

/// <summary>
/// The workbook's one stylesheet: a bold header and a number format per column kind. Indexes into
/// <c>cellXfs</c> are what cells refer to, so the order here is the contract with <see cref="StyleOf"/>.
/// </summary>
internal static class XlsxStyles
{
    public const int Header = 1;

    public static int StyleOf(XlsxKind kind) => kind switch
    {
        XlsxKind.Integer => 2,
        XlsxKind.Number => 3,
        XlsxKind.Currency => 4,
        XlsxKind.Percent => 5,
        XlsxKind.Date => 6,
        XlsxKind.DateTime => 7,
        XlsxKind.Duration => 8,
        XlsxKind.Text => 9,
        _ => 0,
    };

    public const string Xml = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
        <numFmts count="5">
        <numFmt numFmtId="164" formatCode="&quot;$&quot;#,##0.00"/>
        <numFmt numFmtId="165" formatCode="0.0%"/>
        <numFmt numFmtId="166" formatCode="yyyy-mm-dd"/>
        <numFmt numFmtId="167" formatCode="yyyy-mm-dd hh:mm:ss"/>
        <numFmt numFmtId="168" formatCode="[h]:mm:ss"/>
        </numFmts>
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
        <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF4"/><bgColor indexed="64"/></patternFill></fill></fills>
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
        <cellXfs count="10">
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
        <xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>
        <xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="168" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
        </cellXfs>
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
        </styleSheet>
        """;
}
