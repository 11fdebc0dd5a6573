using ClosedXML.Excel;

namespace Outreach.Infrastructure.Reports.Xlsx;

/// <summary>How each column kind looks: its number format, and the header row's look.</summary>
internal static class XlsxStyles
{
    public static readonly XLColor HeaderFill = XLColor.FromHtml("#E8EEF4");

    public static void Apply(IXLStyle style, XlsxKind kind)
    {
        var format = style.NumberFormat;
        switch (kind)
        {
            case XlsxKind.Integer:
                format.NumberFormatId = 3; // #,##0
                break;
            case XlsxKind.Number:
                format.NumberFormatId = 4; // #,##0.00
                break;
            case XlsxKind.Currency:
                format.Format = "\"$\"#,##0.00";
                break;
            case XlsxKind.Percent:
                format.Format = "0.0%";
                break;
            case XlsxKind.Date:
                format.Format = "yyyy-mm-dd";
                break;
            case XlsxKind.DateTime:
                format.Format = "yyyy-mm-dd hh:mm:ss";
                break;
            case XlsxKind.Duration:
                format.Format = "[h]:mm:ss";
                break;
            case XlsxKind.Text:
                // Text typed later into the cell stays text (a phone number keeps its plus sign).
                format.NumberFormatId = 49; // @
                break;
        }
    }

    public static void ApplyHeader(IXLStyle style)
    {
        style.Font.Bold = true;
        style.Fill.BackgroundColor = HeaderFill;
    }
}
