using MudBlazor;

namespace Portcullis.Components.Layout;

internal static class PortcullisTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f3a5f",
            AppbarBackground = "#1f3a5f",
            Secondary = "#b5651d",
        },
    };
}
