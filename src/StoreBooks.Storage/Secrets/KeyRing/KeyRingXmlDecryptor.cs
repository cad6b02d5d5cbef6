using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace StoreBooks.Storage.Secrets.KeyRing;

/// <summary>
/// Data Protection's hook for decrypting a stored data key (it makes one by its type name, giving it the services): with the
/// operator's key the element names, current or previous.
/// </summary>
public sealed class KeyRingXmlDecryptor : IXmlDecryptor
{
    private readonly OperatorKeys _keys;

    public KeyRingXmlDecryptor(IServiceProvider services)
    {
        _keys = services.GetRequiredService<OperatorKeys>();
    }

    public XElement Decrypt(XElement encryptedElement) => KeyRingXml.Decrypt(encryptedElement, _keys);
}
