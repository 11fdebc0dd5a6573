using Outreach.Domain.Messaging;

namespace Outreach.Domain.Tests.Messaging;

public class MessageTemplateTests
{
    private static readonly Dictionary<string, string?> Bob = new()
    {
        ["firstName"] = "Bob",
        ["business"] = "Bob's Bakery",
        ["city"] = "   ",
        ["state"] = null,
    };

    [Theory]
    [InlineData("Hi {{firstName|there}}, is {{business}} for sale?", "Hi Bob, is Bob's Bakery for sale?")]
    [InlineData("Hi {{FIRSTNAME}}", "Hi Bob")]
    [InlineData("Hi {{ firstName | there }}!", "Hi Bob!")]
    [InlineData("Hi {{lastName|there}}", "Hi there")]
    [InlineData("Hi {{ lastName | there friend }}", "Hi there friend")]
    [InlineData("Hi {{lastName}}!", "Hi !")]
    [InlineData("In {{city|your area}}", "In your area")]
    [InlineData("In {{state|your state}}", "In your state")]
    [InlineData("{{city}}", "")]
    [InlineData("{{firstName}}{{business}}", "BobBob's Bakery")]
    [InlineData("{{lastName|a|b}}", "a|b")]
    [InlineData("{{lastName|}}", "")]
    [InlineData("{{prospect.first_name-2|x}}", "x")]
    [InlineData("No placeholders at all.", "No placeholders at all.")]
    [InlineData("", "")]
    public void Placeholders_are_replaced_by_values_or_fallbacks(string template, string expected) =>
        Assert.Equal(expected, MessageTemplate.Render(template, Bob));

    [Theory]
    [InlineData("Hi {{first name}}")]
    [InlineData("Hi {{}}")]
    [InlineData("Hi {{ }}")]
    [InlineData("Hi {{|there}}")]
    [InlineData("Hi {{1st}}")]
    [InlineData("Hi {firstName}")]
    [InlineData("Hi {{firstName")]
    [InlineData("Hi firstName}}")]
    [InlineData("Price: ${{")]
    [InlineData("{{ not valid }} {{")]
    public void Anything_that_is_not_a_placeholder_is_sent_as_typed(string template) =>
        Assert.Equal(template, MessageTemplate.Render(template, Bob));

    [Fact]
    public void A_placeholder_inside_extra_braces_is_still_rendered() =>
        Assert.Equal("{Bob}", MessageTemplate.Render("{{{firstName}}}", Bob));

    [Fact]
    public void Values_are_inserted_verbatim_and_never_rendered_again()
    {
        // A prospect's imported name must not be able to pull other variables into the message.
        var variables = new Dictionary<string, string?> { ["firstName"] = "{{secret}}", ["secret"] = "leaked" };

        Assert.Equal("Hi {{secret}}", MessageTemplate.Render("Hi {{firstName}}", variables));
    }

    [Fact]
    public void Lookups_ignore_case_whatever_the_dictionary_comparer()
    {
        var ordinal = new Dictionary<string, string?>(StringComparer.Ordinal) { ["FirstName"] = "Ann" };
        var ignoringCase = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["FIRSTNAME"] = "Ann" };

        Assert.Equal("Hi Ann", MessageTemplate.Render("Hi {{firstname}}", ordinal));
        Assert.Equal("Hi Ann", MessageTemplate.Render("Hi {{firstName}}", ignoringCase));
    }

    [Fact]
    public void Variables_are_listed_once_in_order_of_first_use()
    {
        var variables = MessageTemplate.Variables("{{ firstName|there }} {{business}} {{FirstName}} {{bad name}} {{city|x}}");

        Assert.Equal(["firstName", "business", "city"], variables);
    }

    [Theory]
    [InlineData("Hi {{firstName|there}}", true)]
    [InlineData("No placeholders", true)]
    [InlineData("Closing braces alone }} are fine", true)]
    [InlineData("Hi {{first name}}", false)]
    [InlineData("Hi {{firstName", false)]
    [InlineData("{{{firstName}}}", false)]
    public void A_template_is_well_formed_when_every_opening_brace_pair_starts_a_placeholder(string template, bool wellFormed) =>
        Assert.Equal(wellFormed, MessageTemplate.IsWellFormed(template));
}
