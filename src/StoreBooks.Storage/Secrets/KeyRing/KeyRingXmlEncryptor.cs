using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace StoreBooks.Storage.Secrets.KeyRing;

/// <summary>Data Protection's hook for encrypting a new data key before it is stored: with the operator's current key.</summary>
public sealed class KeyRingXmlEncryptor : IXmlEncryptor
{
    private readonly OperatorKeys _keys;

    public KeyRingXmlEncryptor(OperatorKeys keys)
    {
        _keys = keys;
    }

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(KeyRingXml.Encrypt(plaintextElement, _keys.Current), typeof(KeyRingXmlDecryptor));
}
