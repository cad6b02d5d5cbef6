using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.WebEncoders;
using StoreBooks.Web.Dashboard.Account;
using StoreBooks.Web.Dashboard.Connections;
using StoreBooks.Web.Dashboard.Security;
using StoreBooks.Web.Dashboard.Shared;

namespace StoreBooks.Web.Dashboard;

/// <summary>
/// The dashboard's part of the web host: Razor Pages under <c>Dashboard/</c> (each page asks for a signed-in user but the
/// account pages), cookie sessions, antiforgery on every form, English and French, the security headers and the stylesheet.
/// The webhook endpoints and <c>/health</c> are outside all of it: no session, no antiforgery.
/// </summary>
internal static class DashboardSetup
{
    public const string SessionCookie = "storebooks.session";
    public const string AntiforgeryCookie = "storebooks.antiforgery";

    public static void AddDashboard(this IServiceCollection services, ServeOptions options)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("StoreBooks.Dashboard");
        if (options.DashboardKeyRing is { } keyRing)
        {
            keyRing(dataProtection);
        }
        else if (options.DashboardKeysDirectory is { } keys)
        {
            dataProtection.PersistKeysToFileSystem(OwnerOnlyDirectory(keys));
        }

        services.AddLocalization();
        // French text as it is ("Créer"), not as numeric character references; markup characters are still encoded.
        services.Configure<WebEncoderOptions>(encoder => encoder.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Dashboard";
            pages.Conventions.AuthorizeFolder("/");
            pages.Conventions.AllowAnonymousToFolder("/Account");
            pages.Conventions.AllowAnonymousToPage("/Language/Choose");
        })
        .AddViewLocalization()
        .ConfigureApplicationPartManager(parts =>
        {
            // Exactly this assembly's pages, whatever program hosts it (the command line, a test runner).
            parts.ApplicationParts.Clear();
            var assembly = typeof(DashboardSetup).Assembly;
            foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
            {
                parts.ApplicationParts.Add(part);
            }
        });
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = AntiforgeryCookie;
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = SessionCookie;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/sign-in";
            cookie.LogoutPath = "/sign-out";
            cookie.AccessDeniedPath = "/sign-in";
            cookie.ExpireTimeSpan = options.SessionLifetime;
            cookie.SlidingExpiration = true;
            cookie.TimeProvider = options.Time;
            cookie.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
        });
        services.AddAuthorization();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentWorkspace>();
        services.AddSingleton<StoreBooks.Web.Dashboard.Sync.SyncSessions>();
        services.AddSingleton<PasswordHashing>();
        services.AddConnectionPages(options);
    }

    /// <summary>Adds the dashboard's middleware; call before the endpoints are mapped.</summary>
    public static void UseDashboard(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseRequestLocalization(DashboardCultures.LocalizationOptions());
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/static",
            FileProvider = new EmbeddedFileProvider(typeof(DashboardSetup).Assembly, "DashboardStatic"),
        });
        app.UseAuthentication();
        app.UseAuthorization();
    }

    public static void MapDashboard(this WebApplication app) => app.MapRazorPages();

    private static DirectoryInfo OwnerOnlyDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path);
        }

        var directory = Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return directory;
    }
}
