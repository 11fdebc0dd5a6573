using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Outreach.Console.Features.Prospects;
using Outreach.Domain.Prospects;
using Outreach.Infrastructure.Prospects;

namespace Outreach.Console.Tests.Components;

/// <summary>
/// The prospect editor judges the phone and the e-mail before the service is asked, and puts what is wrong beside
/// the field. The service here has no database: a save that reached it would fail the test.
/// </summary>
public class ProspectEditorTests : ComponentTestContext
{
    public ProspectEditorTests()
    {
        Services.AddSingleton(TestMember.Create());
        Services.AddSingleton(new ProspectService(null!, null!, null!, null!, null!, TimeProvider.System));
    }

    [Fact]
    public async Task A_phone_that_cannot_be_texted_and_a_broken_email_are_errors_beside_their_fields_and_nothing_is_saved()
    {
        var host = await OpenAsync();

        host.Find("[data-testid=edit-FirstName]").Change("Hank");
        host.Find("[data-testid=edit-Phone]").Change("12345");
        host.Find("[data-testid=edit-Email]").Change("hank@");
        host.Find("[data-testid=prospect-save]").Click();

        host.WaitForAssertion(() => Assert.Contains("Not a phone number that can be texted", host.Find("[data-testid=field-Phone]").TextContent));
        Assert.Contains("Not an e-mail address that can be delivered to", host.Find("[data-testid=field-Email]").TextContent);
        Assert.DoesNotContain("Not a phone number", host.Find("[data-testid=field-Email]").TextContent);
        Assert.DoesNotContain("Not", host.Find("[data-testid=field-FirstName]").TextContent);
        Assert.Single(host.FindAll("[data-testid=prospect-editor]"));
    }

    [Fact]
    public async Task An_empty_form_is_told_beside_the_phone_that_there_is_nothing_to_send_to_and_beside_the_company_that_nobody_is_named()
    {
        var host = await OpenAsync();

        host.Find("[data-testid=prospect-save]").Click();

        host.WaitForAssertion(() => Assert.Contains("Give a phone number or an e-mail address", host.Find("[data-testid=field-Phone]").TextContent));
        Assert.Contains("Give a name or a company", host.Find("[data-testid=field-Company]").TextContent);
        Assert.Empty(host.FindAll("[data-testid=prospect-editor-error]"));
    }

    [Fact]
    public async Task Correcting_a_field_takes_its_error_away_and_leaves_the_others()
    {
        var host = await OpenAsync();
        host.Find("[data-testid=edit-Company]").Change("Strickland Propane");
        host.Find("[data-testid=edit-Phone]").Change("555-0100");
        host.Find("[data-testid=edit-Email]").Change("not-an-email");
        host.Find("[data-testid=prospect-save]").Click();
        host.WaitForAssertion(() => Assert.Contains("Not a phone number", host.Find("[data-testid=field-Phone]").TextContent));

        host.Find("[data-testid=edit-Phone]").Change("(512) 240-7781");

        host.WaitForAssertion(() => Assert.DoesNotContain("Not a phone number", host.Find("[data-testid=field-Phone]").TextContent));
        Assert.Contains("Not an e-mail address", host.Find("[data-testid=field-Email]").TextContent);
    }

    [Theory]
    [InlineData("(512) 240-7781", null)]
    [InlineData(null, "ann@prairiedental.com")]
    [InlineData("+44 20 7946 0958", null)]
    public void A_name_and_one_usable_address_are_enough(string? phone, string? email)
    {
        var errors = ProspectEditor.Validate(new Dictionary<ProspectField, string?>
        {
            [ProspectField.LastName] = "Lee",
            [ProspectField.Phone] = phone,
            [ProspectField.Email] = email,
        });

        Assert.Empty(errors);
    }

    [Fact]
    public void A_usable_email_does_not_excuse_a_broken_phone()
    {
        var errors = ProspectEditor.Validate(new Dictionary<ProspectField, string?>
        {
            [ProspectField.Company] = "Prairie Dental",
            [ProspectField.Phone] = "12",
            [ProspectField.Email] = "ann@prairiedental.com",
        });

        Assert.Equal([ProspectField.Phone], errors.Keys);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync()
    {
        var host = RenderDialogHost();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await host.InvokeAsync(() => dialogs.ShowAsync<ProspectEditor>("New prospect"));
        host.WaitForElement("[data-testid=prospect-editor]");
        return host;
    }
}
