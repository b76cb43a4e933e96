; Inno Setup script for the Windows installer of Stenodesk (see README.md here).
;
;   iscc /DAppVersion=0.1.0 /DFlavour=cpu packaging\windows\stenodesk.iss
;
; Packs dist\<flavour>\Stenodesk (built by PyInstaller from packaging\stenodesk.spec)
; into dist\Stenodesk-<version>-windows-x86_64-<flavour>-setup.exe. Installs for the
; current user by default (no administrator rights), or for all users if asked.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=0.1.0 /DFlavour=cpu stenodesk.iss
#endif
#ifndef Flavour
  #define Flavour "cpu"
#endif

[Setup]
; Never change AppId: Windows finds earlier installs (to upgrade, to uninstall) by it.
AppId={{487657CB-AA96-40BA-A28A-3595484F51E1}
AppName=Stenodesk
AppVersion={#AppVersion}
AppVerName=Stenodesk {#AppVersion}
AppPublisher=Stenodesk developers
DefaultDirName={autopf}\Stenodesk
DefaultGroupName=Stenodesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
SetupIconFile=packaging\windows\stenodesk.ico
UninstallDisplayIcon={app}\Stenodesk.exe
UninstallDisplayName=Stenodesk
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=Stenodesk-{#AppVersion}-windows-x86_64-{#Flavour}-setup
; Model weights and CUDA libraries barely compress; maximum lzma2 only costs time.
Compression=lzma2/normal
SolidCompression=yes
; The gpu flavour is over 1 GB; setup files above 2 GB would need disk spanning.
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\{#Flavour}\Stenodesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Stenodesk"; Filename: "{app}\Stenodesk.exe"
Name: "{autodesktop}\Stenodesk"; Filename: "{app}\Stenodesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\Stenodesk.exe"; Description: "{cm:LaunchProgram,Stenodesk}"; Flags: nowait postinstall skipifsilent

; The user's settings, jobs, models and logs (under %LOCALAPPDATA%\stenodesk) stay
; when the app is uninstalled, as they do after an update.
