export {
  TOFUI_FOLDERS_ANNOTATION,
  TOFUI_MAPPING_CHANGED_TOPIC,
  TOFUI_REPOSITORY_ANNOTATION,
  folderMatches,
  getTofuiFolderPatterns,
  getTofuiRepository,
  isTofuiAvailable,
} from './annotations';
