using MudBlazor;

namespace Outreach.Console.Components.Layout;

/// <summary>
/// The console's one design system: palette, type and shape for light and dark mode. Colours are chosen for
/// contrast (WCAG AA on their surfaces, which the browser tests check with axe), not only for looks.
/// </summary>
public static class ConsoleTheme
{
    /// <summary>System fonts only: the console must look right on an installation with no internet.</summary>
    private static readonly string[] Sans = ["Inter", "Roboto", "Segoe UI", "system-ui", "-apple-system", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4ed8",
            PrimaryContrastText = "#ffffff",
            Secondary = "#7c3aed",
            Tertiary = "#0f766e",
            Info = "#0369a1",
            Success = "#15803d",
            Warning = "#b45309",
            Error = "#b91c1c",
            AppbarBackground = "#1e3a8a",
            AppbarText = "#ffffff",
            Background = "#f4f6fb",
            BackgroundGray = "#eef1f7",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1b2333",
            DrawerIcon = "#475467",
            TextPrimary = "#1b2333",
            TextSecondary = "#4b5565",
            ActionDefault = "#4b5565",
            LinesDefault = "#e3e7ef",
            TableLines = "#e3e7ef",
            Divider = "#e3e7ef",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7aa2ff",
            PrimaryContrastText = "#0b1220",
            // The dark palette's colours are light: text on them is dark, or it fails contrast (axe).
            SecondaryContrastText = "#0b1220",
            SuccessContrastText = "#0b1220",
            WarningContrastText = "#0b1220",
            ErrorContrastText = "#0b1220",
            InfoContrastText = "#0b1220",
            Secondary = "#b69cff",
            Tertiary = "#5eead4",
            Info = "#7dd3fc",
            Success = "#4ade80",
            Warning = "#fbbf24",
            Error = "#f87171",
            AppbarBackground = "#111827",
            AppbarText = "#e5e7eb",
            Background = "#0b1220",
            BackgroundGray = "#111827",
            Surface = "#151d2e",
            DrawerBackground = "#111827",
            DrawerText = "#e5e7eb",
            DrawerIcon = "#aab4c3",
            TextPrimary = "#e5e7eb",
            TextSecondary = "#aab4c3",
            ActionDefault = "#aab4c3",
            LinesDefault = "#263045",
            TableLines = "#263045",
            Divider = "#263045",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Sans, FontSize = ".875rem", LineHeight = "1.45" },
            H1 = new H1Typography { FontFamily = Sans, FontSize = "1.6rem", FontWeight = "700", LineHeight = "1.25" },
            H2 = new H2Typography { FontFamily = Sans, FontSize = "1.15rem", FontWeight = "600", LineHeight = "1.3" },
            H3 = new H3Typography { FontFamily = Sans, FontSize = "1rem", FontWeight = "600", LineHeight = "1.35" },
            H4 = new H4Typography { FontFamily = Sans, FontSize = "1.6rem", FontWeight = "700", LineHeight = "1.2" },
            H5 = new H5Typography { FontFamily = Sans, FontSize = "1.25rem", FontWeight = "600", LineHeight = "1.3" },
            H6 = new H6Typography { FontFamily = Sans, FontSize = "1.05rem", FontWeight = "600", LineHeight = "1.35" },
            Button = new ButtonTypography { FontFamily = Sans, FontWeight = "600", TextTransform = "none", LetterSpacing = ".01em" },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "8px",
            DrawerWidthLeft = "240px",
            AppbarHeight = "56px",
        },
    };
}
