export {
  TOFUI_FOLDERS_ANNOTATION,
  TOFUI_REPOSITORY_ANNOTATION,
  folderMatches,
  getTofuiFolderPatterns,
  getTofuiRepository,
  isTofuiAvailable,
} from './annotations';
